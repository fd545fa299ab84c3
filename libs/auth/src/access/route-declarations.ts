import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY, AccessDeclaration } from './access.decorators';

export interface RouteAccess {
  method: string;
  path: string;
  controller: string;
  handler: string;
  access: AccessDeclaration | undefined;
}

const join = (...parts: (string | undefined)[]) =>
  '/' +
  parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter(Boolean)
    .join('/');

/** Every registered route with what it declares about access (undefined when nothing). */
export function listRouteAccess(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): RouteAccess[] {
  const routes: RouteAccess[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!metatype) continue;
    const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    // A preview application (the OpenAPI generator's) has classes but no instances.
    const proto = instance ? Object.getPrototypeOf(instance) : metatype.prototype;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      const paths = Reflect.getMetadata(PATH_METADATA, handler);
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const access = reflector.getAllAndOverride<AccessDeclaration>(ACCESS_KEY, [handler, metatype]);
      for (const prefix of prefixes) {
        for (const p of ([] as string[]).concat(paths)) {
          routes.push({ method, path: join(prefix, p), controller: metatype.name, handler: name, access });
        }
      }
    }
  }
  return routes;
}
