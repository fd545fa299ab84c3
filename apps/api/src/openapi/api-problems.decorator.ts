import { ApiExtension } from '@nestjs/swagger';

/** The error statuses an operation can answer with, each with the problem codes it can carry. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;
export type ProblemCodes = Partial<Record<ProblemStatus, readonly string[]>>;

/** Where ApiProblems leaves the codes for the document builder (removed from the published document). */
export const PROBLEM_CODES_EXTENSION = 'x-lcs-problem-codes';

/**
 * Declares the domain problems a route can answer with, by status: `@ApiProblems({ 404: ['not-found'],
 * 409: ['stale-version', 'transition-not-allowed'] })`. The generic ones (400 validation, 401, 403, 413,
 * 415, 503) are added by the document builder from the route's access declaration and inputs, so list
 * only what the route's own rules raise. The contract tests fail when a route answers a status or a
 * code it does not declare.
 */
export const ApiProblems = (codes: ProblemCodes) => ApiExtension(PROBLEM_CODES_EXTENSION, codes);
