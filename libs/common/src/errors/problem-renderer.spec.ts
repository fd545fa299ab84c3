import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { ConflictException, DomainException } from './domain.exception';
import { renderProblem } from './problem-renderer';

describe('renderProblem', () => {
  it('renders a domain exception with its stable type and extensions', () => {
    const { problem, unexpected } = renderProblem(
      new ConflictException('stale-version', 'Someone else changed this case.', { currentVersion: 4 }),
      'cid-1',
      '/cases/1',
    );
    expect(unexpected).toBe(false);
    expect(problem).toEqual({
      type: 'urn:lcs:problem:stale-version',
      code: 'stale-version',
      title: 'Conflict',
      status: 409,
      detail: 'Someone else changed this case.',
      instance: '/cases/1',
      correlationId: 'cid-1',
      currentVersion: 4,
    });
  });

  it('maps Nest HTTP exceptions to problem types by status', () => {
    expect(renderProblem(new NotFoundException('Cannot GET /x'), 'c').problem).toMatchObject({
      type: 'urn:lcs:problem:not-found',
      status: 404,
      detail: 'Cannot GET /x',
    });
    expect(renderProblem(new BadRequestException(), 'c').problem.type).toBe('urn:lcs:problem:bad-request');
    expect(renderProblem(new HttpException('too big', 413), 'c').problem.type).toBe('urn:lcs:problem:payload-too-large');
  });

  it('hides everything about an unexpected error but its correlation id', () => {
    const error = new Error('password authentication failed for user "postgres" at 10.0.0.5');
    const { problem, unexpected } = renderProblem(error, 'cid-9');
    expect(unexpected).toBe(true);
    expect(problem.status).toBe(500);
    expect(problem.correlationId).toBe('cid-9');
    expect(JSON.stringify(problem)).not.toMatch(/password|postgres|10\.0\.0\.5|Error:/);
  });

  it('never lets an extension overwrite the numeric status', () => {
    const e = new HttpException({ status: 'error', details: { a: 1 } }, 503);
    expect(renderProblem(e, 'c').problem).toMatchObject({ status: 503, details: { a: 1 } });
  });

  it('treats a domain exception with a 5xx status as deliberate', () => {
    expect(renderProblem(new DomainException('not-ready', 503, 'Service unavailable'), 'c').unexpected).toBe(false);
  });

  it('answers 503 with Retry-After when no database connection came free in time (overload: nothing was written)', () => {
    const { problem, unexpected, headers } = renderProblem(new Error('timeout exceeded when trying to connect'), 'cid-9');
    expect(unexpected).toBe(false);
    expect(headers).toEqual({ 'Retry-After': '5' });
    expect(problem).toMatchObject({ type: 'urn:lcs:problem:service-unavailable', status: 503, retryAfter: 5, correlationId: 'cid-9' });
    // Any other error stays a 500 that says nothing of itself.
    expect(renderProblem(new Error('timeout exceeded while reading'), 'cid-10').problem).toMatchObject({ status: 500 });
  });
});
