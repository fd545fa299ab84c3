export { DocumentsModule } from './documents.module';
export { DocumentView, DocumentsService, storageKeyFor } from './documents.service';
export type {
  AttachDocumentInput,
  DeclaredFile,
  DocumentListQuery,
  DocumentOwner,
  OpenedDocument,
  OrphanSweepResult,
  StagedDocument,
  StoreDocumentInput,
} from './documents.service';
export { ACCEPTED_CONTENT_TYPES, ACCEPTED_TYPES_IN_WORDS, DOCUMENT_TYPES, SNIFF_BYTES, sniffDocumentType } from './document-types';
export type { DocumentType } from './document-types';
export { contentDisposition, sanitiseFilename } from './filename';
export {
  DocumentTooLargeException,
  FileMissingException,
  MalformedMultipartException,
  NotMultipartException,
  TooManyFilesException,
  UnsupportedDocumentTypeException,
} from './documents.errors';
export { withOptionalFileUpload, withSingleFileUpload } from './http/single-file-upload';
export type { OptionalFileUpload, SingleFileUpload, SingleFileUploadOptions } from './http/single-file-upload';
export { sendDocument } from './http/send-document';
