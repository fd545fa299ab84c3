import { ValidateBy } from 'class-validator';

/**
 * C0 controls (newline, tab, NUL, ESC...), DEL, C1 controls (NEL U+0085 is a newline too) and the
 * Unicode line and paragraph separators. A name goes verbatim into official mail, PDFs, CSV and
 * logs: a newline in an agency's name lets it write a line of its own into a letter to a worker.
 */
// eslint-disable-next-line no-control-regex
export const NAME_FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** True when the text holds no control character and no line break. */
export const isSingleLineName = (value: unknown): boolean => typeof value !== 'string' || !NAME_FORBIDDEN_CHARACTERS.test(value);

/**
 * A name (of a person, agency, branch, employer...) is one line of printable text: a control
 * character or line break is a 400 naming the field. Only the check: type and length stay with
 * the DTO's own rules (a non-string is theirs to refuse). Multi-line free text (facts, reasons)
 * must not use this.
 */
export const IsSingleLineName = () =>
  ValidateBy({
    name: 'singleLineName',
    validator: {
      validate: isSingleLineName,
      defaultMessage: () => 'must be one line without control characters (no line breaks or tabs)',
    },
  });
