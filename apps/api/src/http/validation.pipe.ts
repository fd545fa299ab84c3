import { ValidationPipe } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import { ValidationError, ValidatorOptions } from 'class-validator';
import { ValidationFailedException, flattenValidationErrors } from '@app/common';

const NULL_REFUSED = 'must not be null (leave the field out instead)';

/**
 * Where a DTO holds `null` in a property its OpenAPI schema does not declare `nullable`. class-validator's
 * `@IsOptional()` skips every rule for null as for a missing field, so without this a null reaches the
 * service, which takes it for a value (`BigInt(null)`, `SET display_name = NULL`). The document is the
 * contract: a property accepts null only where it says so. Walks without recursion.
 */
export function undeclaredNulls(root: object): string[] {
  const paths: string[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]` }));
      continue;
    }
    const dto = (value as { constructor?: unknown }).constructor;
    // Only request classes are checked: a free-form object inside one (a map of values) has no schema to go by.
    const declared = typeof dto === 'function' && dto !== Object ? (dto.prototype as object) : null;
    for (const [key, member] of Object.entries(value)) {
      if (key === 'constructor') continue;
      const memberPath = path ? `${path}.${key}` : key;
      if (member === null && declared) {
        const schema = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, declared, key) as { nullable?: boolean } | undefined;
        if (!schema?.nullable) paths.push(memberPath);
      } else stack.push({ value: member, path: memberPath });
    }
  }
  return paths;
}

/** Nest's pipe, refusing nulls the document does not allow (see undeclaredNulls) along with the DTO's own rules. */
class DtoValidationPipe extends ValidationPipe {
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    // A field whose own rules already failed on the null (a required one) is named once.
    const named = new Set(flattenValidationErrors(errors).map((e) => e.field));
    const nulls = undeclaredNulls(object)
      .filter((path) => !named.has(path))
      .map((path) => Object.assign(new ValidationError(), { property: path, value: null, constraints: { isNotNull: NULL_REFUSED }, children: [] }));
    return [...errors, ...nulls];
  }
}

/** Unknown fields are refused, nested DTOs validated, values converted to the DTO's types. */
export const createValidationPipe = () =>
  new DtoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedException(flattenValidationErrors(errors)),
  });
