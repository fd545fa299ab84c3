import { DomainException } from '@app/common';
import { ACCEPTED_CONTENT_TYPES } from './document-types';

const mib = (bytes: number) => (bytes % 1_048_576 === 0 ? `${bytes / 1_048_576} MiB` : `${bytes} bytes`);

/** 413: the file is larger than DOCUMENTS_MAX_BYTES. Names the limit. */
export class DocumentTooLargeException extends DomainException {
  constructor(readonly limitBytes: number) {
    super('payload-too-large', 413, 'Payload too large', `The file is larger than the limit of ${limitBytes} bytes (${mib(limitBytes)}).`, {
      limitBytes,
    });
  }
}

/** 415: the content is not one of the accepted types, or is not what the client said it is. */
export class UnsupportedDocumentTypeException extends DomainException {
  constructor(detail: string, acceptedTypes: readonly string[] = ACCEPTED_CONTENT_TYPES) {
    super('unsupported-media-type', 415, 'Unsupported media type', detail, { acceptedTypes: [...acceptedTypes] });
  }
}

/** 415: the route takes `multipart/form-data` and the request is something else. */
export class NotMultipartException extends UnsupportedDocumentTypeException {
  constructor() {
    super('Send the file as multipart/form-data with exactly one file field.', ['multipart/form-data']);
  }
}

/** 400: a multipart request without its file. */
export class FileMissingException extends DomainException {
  constructor(field: string) {
    super('file-missing', 400, 'File missing', `The request has no file in the field "${field}".`, { field });
  }
}

/** 400: more than one file where exactly one is expected. */
export class TooManyFilesException extends DomainException {
  constructor() {
    super('too-many-files', 400, 'Too many files', 'Send exactly one file per request.');
  }
}

/** 400: a multipart body that cannot be parsed (no boundary, truncated, too many parts or fields). */
export class MalformedMultipartException extends DomainException {
  constructor(detail = 'The multipart/form-data body could not be read.') {
    super('malformed-multipart', 400, 'Malformed multipart body', detail);
  }
}
