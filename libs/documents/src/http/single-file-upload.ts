import type { Readable } from 'node:stream';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainException, FieldError, ValidationFailedException, flattenValidationErrors } from '@app/common';
import {
  DocumentTooLargeException,
  FileMissingException,
  MalformedMultipartException,
  NotMultipartException,
  TooManyFilesException,
} from '../documents.errors';
import { ContentStreamError, DocumentsService, StagedDocument } from '../documents.service';

export interface SingleFileUploadOptions<F extends object> {
  /** The form field holding the file (default `file`). */
  fileField?: string;
  /**
   * The text fields the route accepts, as a class-validator DTO (validated with `whitelist` and
   * `forbidNonWhitelisted`, like JSON bodies). Without one, any text field is refused.
   */
  fields?: new () => F;
}

export interface SingleFileUpload<F> {
  /** The checked file, on a temporary name: `DocumentsService.commit` it in your transaction. */
  staged: StagedDocument;
  fields: F;
}

/** Most text fields, their name and value sizes: uploads carry a few short fields. */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 8 * 1024;

type MultipartRequest = FastifyRequest & {
  isMultipart?: () => boolean;
  parts?: (options?: object) => AsyncIterableIterator<MultipartFile | MultipartValue>;
};

/**
 * Reads a `multipart/form-data` request carrying exactly one file (streamed to a temporary file
 * through `DocumentsService.stage`: size limit, sniffing, hashing; never buffered in memory) and
 * any declared text fields, then runs `handle` with it. The staged file is removed after
 * `handle` unless `handle` committed it.
 *
 * Problems (as problem+json through the global filter): not multipart 415, malformed body 400
 * (`malformed-multipart`), no file 400 (`file-missing`), two files 400 (`too-many-files`), a file
 * or field under an unexpected name 400 (`validation-failed`), oversize 413, refused type 415.
 * After a problem the rest of the request is still read (and dropped), so the client receives
 * the answer instead of a reset connection.
 *
 * Needs `@fastify/multipart` registered on the Fastify instance (apps/api/src/bootstrap.ts).
 */
export function withSingleFileUpload<F extends object, R>(
  request: FastifyRequest,
  documents: DocumentsService,
  options: SingleFileUploadOptions<F>,
  handle: (upload: SingleFileUpload<F>) => Promise<R>,
): Promise<R> {
  return readUpload(request, documents, options, true, (u) => handle(u as SingleFileUpload<F>));
}

/** At most one file, which may be left out. */
export interface OptionalFileUpload<F> {
  /** The checked file, on a temporary name, or null when none was sent. */
  staged: StagedDocument | null;
  fields: F;
}

/**
 * As withSingleFileUpload, but the file may be left out (`staged` is null): a form whose
 * attachment is optional. A file part without a file name (what a browser sends for an empty
 * file input) counts as none. Every other problem is the same.
 */
export function withOptionalFileUpload<F extends object, R>(
  request: FastifyRequest,
  documents: DocumentsService,
  options: SingleFileUploadOptions<F>,
  handle: (upload: OptionalFileUpload<F>) => Promise<R>,
): Promise<R> {
  return readUpload(request, documents, options, false, handle);
}

async function readUpload<F extends object, R>(
  request: FastifyRequest,
  documents: DocumentsService,
  options: SingleFileUploadOptions<F>,
  required: boolean,
  handle: (upload: OptionalFileUpload<F>) => Promise<R>,
): Promise<R> {
  const req = request as MultipartRequest;
  if (typeof req.isMultipart !== 'function' || typeof req.parts !== 'function') {
    throw new Error('documents: @fastify/multipart is not registered on this Fastify instance');
  }
  if (!req.isMultipart()) throw new NotMultipartException();

  const fileField = options.fileField ?? 'file';
  const raw: Record<string, string> = {};
  const fieldErrors: FieldError[] = [];
  let problem: unknown = null;
  let staged: StagedDocument | null = null;
  let files = 0;

  try {
    const parts = req.parts({
      // One byte more than the limit reaches stage(), which refuses it with our 413.
      limits: {
        fileSize: documents.maxBytes + 1,
        files: 2,
        fields: MAX_FIELDS,
        parts: MAX_FIELDS + 2,
        fieldSize: MAX_FIELD_BYTES,
        fieldNameSize: 200,
        headerPairs: 100,
      },
      throwFileSizeLimit: false,
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (!required && !part.filename && part.fieldname === fileField) {
          // What a browser sends for an empty file input (no name, no bytes): nothing chosen.
          await drain(part.file);
          continue;
        }
        files++;
        if (problem || files > 1 || part.fieldname !== fileField) {
          if (!problem) {
            problem =
              files > 1
                ? new TooManyFilesException()
                : new ValidationFailedException([
                    { field: part.fieldname, rule: 'whitelistValidation', message: `is not an accepted field; send the file as "${fileField}"` },
                  ]);
          }
          await drain(part.file);
          continue;
        }
        try {
          staged = await documents.stage(part.file, { declaredName: part.filename, declaredType: part.mimetype });
        } catch (e) {
          problem = e instanceof ContentStreamError ? new MalformedMultipartException() : e;
          await drain(part.file);
        }
      } else {
        if (part.fieldnameTruncated || part.valueTruncated) {
          fieldErrors.push({ field: part.fieldname, rule: 'maxLength', message: `must be at most ${MAX_FIELD_BYTES} bytes` });
        } else if (Object.prototype.hasOwnProperty.call(raw, part.fieldname)) {
          fieldErrors.push({ field: part.fieldname, rule: 'unique', message: 'is sent more than once' });
        } else {
          raw[part.fieldname] = String(part.value);
        }
      }
    }
  } catch (e) {
    problem ??= multipartProblem(e, documents.maxBytes);
  }

  try {
    if (problem) throw problem;
    if (!staged && required) throw new FileMissingException(fileField);
    const fields = await validateFields(options.fields, raw, fieldErrors);
    return await handle({ staged, fields });
  } finally {
    if (staged) await documents.discard(staged);
  }
}

async function validateFields<F extends object>(dto: (new () => F) | undefined, raw: Record<string, string>, errors: FieldError[]): Promise<F> {
  if (!dto) {
    for (const field of Object.keys(raw)) errors.push({ field, rule: 'whitelistValidation', message: 'is not an accepted field' });
    if (errors.length) throw new ValidationFailedException(errors);
    return {} as F;
  }
  const instance = plainToInstance(dto, raw);
  errors.push(...flattenValidationErrors(await validate(instance, { whitelist: true, forbidNonWhitelisted: true })));
  if (errors.length) throw new ValidationFailedException(errors);
  return instance;
}

/** Maps @fastify/multipart's and busboy's errors to our problems. */
function multipartProblem(e: unknown, maxBytes: number): unknown {
  if (e instanceof DomainException) return e;
  const code = (e as { code?: string } | null)?.code;
  if (code === 'FST_FILES_LIMIT') return new TooManyFilesException();
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new DocumentTooLargeException(maxBytes);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new MalformedMultipartException(`Send at most ${MAX_FIELDS} fields and one file.`);
  if (e instanceof Error) return new MalformedMultipartException();
  return e;
}

/** Reads a stream to its end, dropping the bytes (errors ignored: the request is failing anyway). */
function drain(stream: Readable): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => resolve();
    stream.on('error', done);
    stream.once('end', done);
    stream.once('close', done);
    stream.resume();
  });
}
