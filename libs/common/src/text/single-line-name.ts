import { ValidateBy } from 'class-validator';

/**
 * C0 controls (newline, tab, NUL, ESC...), DEL, C1 controls (NEL U+0085 is a newline too), the
 * Unicode line and paragraph separators, and the bidirectional embedding, override and isolate
 * controls (U+202A-U+202E, U+2066-U+2069). A name goes verbatim into official mail, PDFs, CSV and
 * logs: a newline in an agency's name lets it write a line of its own into a letter to a worker,
 * and an override shows the text after it reversed (a name that reads as another, a reference or
 * amount turned around). The marks U+200E/U+200F, which right-to-left names may need, stay allowed.
 */
// eslint-disable-next-line no-control-regex
export const NAME_FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

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
