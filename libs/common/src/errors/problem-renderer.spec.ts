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

  it("sends a domain exception's retryAfter as the Retry-After header too, and no header without one", () => {
    const limited = renderProblem(new DomainException('too-many-requests', 429, 'Too many requests', 'Wait.', { retryAfter: 42 }), 'cid-2');
    expect(limited.headers).toEqual({ 'Retry-After': '42' });
    expect(limited.problem.retryAfter).toBe(42);
    expect(renderProblem(new ConflictException('stale-version', 'Changed.'), 'cid-3').headers).toEqual({});
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

  describe('a dependency that cannot be reached answers 503 service-unavailable with Retry-After', () => {
    const withProps = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);
    // What TypeORM throws around a pg error: the driver's fields copied on, and the original as driverError.
    const queryFailed = (driverError: Error) => Object.assign(new Error(driverError.message), { ...driverError, name: 'QueryFailedError', driverError });
    const outages: [string, unknown, string][] = [
      ['pg: connection refused', withProps('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' }), 'dependency'],
      [
        'pg: refused on both addresses (AggregateError)',
        Object.assign(new AggregateError([withProps('connect ECONNREFUSED ::1:5432', { code: 'ECONNREFUSED' })], ''), { code: 'ECONNREFUSED' }),
        'dependency',
      ],
      ['pg: connection reset mid-query', queryFailed(withProps('read ECONNRESET', { code: 'ECONNRESET' })), 'dependency'],
      ['pg: connection terminated', new Error('Connection terminated unexpectedly'), 'database'],
      ['pg: terminated inside TypeORM', queryFailed(new Error('Connection terminated')), 'database'],
      ['pg: client broken by an earlier error', new Error('Client has encountered a connection error and is not queryable'), 'database'],
      ['pg: server shutting down (57P01)', queryFailed(withProps('terminating connection due to administrator command', { code: '57P01' })), 'database'],
      ['pg: server starting up (57P03)', withProps('the database system is starting up', { code: '57P03' }), 'database'],
      ['pg: too many connections (53300)', withProps('sorry, too many clients already', { code: '53300' }), 'database'],
      ['pg: connection failure class 08', withProps('connection failure', { code: '08006' }), 'database'],
      ['ioredis: offline queue off', new Error("Stream isn't writeable and enableOfflineQueue options is false"), 'redis'],
      [
        'ioredis: max retries',
        Object.assign(new Error('Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.'), {
          name: 'MaxRetriesPerRequestError',
        }),
        'redis',
      ],
      ['ioredis: connection closed', new Error('Connection is closed.'), 'redis'],
      ['wrapped as a cause', new Error('sign-in failed', { cause: new Error("Stream isn't writeable and enableOfflineQueue options is false") }), 'redis'],
    ];
    it.each(outages)('%s', (_name, error, dependency) => {
      const { problem, unexpected, outage, headers } = renderProblem(error, 'cid-o', '/x');
      expect({ unexpected, outage, headers }).toEqual({ unexpected: false, outage: dependency, headers: { 'Retry-After': '5' } });
      expect(problem).toMatchObject({
        type: 'urn:lcs:problem:service-unavailable',
        code: 'service-unavailable',
        status: 503,
        retryAfter: 5,
        correlationId: 'cid-o',
      });
      // Nothing of the driver's message leaves the process.
      expect(JSON.stringify(problem)).not.toMatch(/ECONN|127\.0\.0\.1|Stream|terminated|57P0/);
    });

    const faults: [string, unknown][] = [
      ['a unique violation', queryFailed(withProps('duplicate key value violates unique constraint "uq_x"', { code: '23505' }))],
      ['a foreign-key violation', queryFailed(withProps('insert or update violates foreign key constraint', { code: '23503' }))],
      ['a syntax error', queryFailed(withProps('syntax error at or near "SELEC"', { code: '42601' }))],
      ['a serialization failure', queryFailed(withProps('could not serialize access', { code: '40001' }))],
      ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'id')")],
      ['a message that only mentions a connection', new Error('the Connection terminated field is required')],
      ['a string thrown', "Stream isn't writeable"],
    ];
    it.each(faults)('%s stays a 500', (_name, error) => {
      const { problem, unexpected, outage } = renderProblem(error, 'cid-f');
      expect({ status: problem.status, unexpected, outage }).toEqual({ status: 500, unexpected: true, outage: undefined });
    });
  });
});
