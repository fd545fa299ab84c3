import { ValidationError } from 'class-validator';
import { FieldError } from './problem';

/** class-validator starts its default messages with the property name; the path says that already. */
const describeRule = (property: string, rule: string, message: string) =>
  rule === 'whitelistValidation' ? 'is not an accepted field' : message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;

/** Flattens class-validator's tree into one entry per failing field path and rule. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field: path, rule, message: describeRule(e.property, rule, message) });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}
