import { Body, Controller, Get, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Public } from '@app/auth';
import { TestApp, createTestApp } from '../support/test-app';

class OwnerDto {
  @IsString() name: string;
  @IsEmail() email: string;
}

class ProbeDto {
  @IsString() title: string;
  @IsInt() @Min(1) count: number;
  @ValidateNested({ each: true }) @Type(() => OwnerDto) owners: OwnerDto[];
}

/** Routes that exist only in this test, to drive the error paths. */
@Public()
@Controller('probe')
class ProbeController {
  @Post('echo')
  echo(@Body() body: ProbeDto) {
    return { received: body };
  }

  @Get('boom')
  boom(): never {
    throw new Error('relation "users" does not exist at SELECT password_hash FROM users');
  }
}

const PROBLEM = /^application\/problem\+json/;
const valid = { title: 'x', count: 1, owners: [{ name: 'A', email: 'a@example.org' }] };

describe('errors are problem+json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ controllers: [ProbeController] });
  });
  afterAll(() => t.close());

  it('accepts a valid body (the probe itself works)', async () => {
    const res = await t.http.post('/probe/echo').send(valid).expect(201);
    expect(res.body.received).toEqual(valid);
  });

  it('answers malformed JSON with 400 malformed-json', async () => {
    const res = await t.http.post('/probe/echo').set('content-type', 'application/json').send('{"title": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ type: 'urn:lcs:problem:malformed-json', status: 400, title: 'Malformed JSON' });
  });

  it('refuses an unknown field with 400 naming the field', async () => {
    const res = await t.http.post('/probe/echo').send({ ...valid, isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.type).toBe('urn:lcs:problem:validation-failed');
    expect(res.body.errors).toEqual([{ field: 'isAdmin', rule: 'whitelistValidation', message: 'is not an accepted field' }]);
  });

  it('lists every invalid field by its path, nested ones included', async () => {
    const res = await t.http.post('/probe/echo').send({
      title: 5,
      count: 0,
      owners: [
        { name: 'A', email: 'a@example.org' },
        { name: 'B', email: 'nope', extra: 1 },
      ],
    });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`).sort();
    expect(fields).toEqual(['count:min', 'owners[1].email:isEmail', 'owners[1].extra:whitelistValidation', 'title:isString']);
  });

  it('answers an oversize body with 413', async () => {
    const big = { ...valid, title: 'x'.repeat(t.config.app.BODY_LIMIT_BYTES + 10) };
    const res = await t.http.post('/probe/echo').send(big);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.type).toBe('urn:lcs:problem:payload-too-large');
  });

  it('answers an unknown route with 404', async () => {
    const res = await t.http.get('/no/such/route');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ type: 'urn:lcs:problem:not-found', status: 404, instance: '/no/such/route' });
  });

  it('answers an unexpected exception with 500 and nothing internal', async () => {
    const res = await t.http.get('/probe/boom').set('x-request-id', 'boom-1');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toEqual({
      type: 'urn:lcs:problem:internal-error',
      code: 'internal-error',
      title: 'Internal server error',
      status: 500,
      detail: expect.any(String),
      instance: '/probe/boom',
      correlationId: 'boom-1',
    });
    const raw = JSON.stringify(res.body);
    expect(raw).not.toMatch(/password_hash|users|at |\.ts|stack/);
    // ...but the operator finds it in the log, under the same correlation id.
    const logged = t.logs.withReqId('boom-1').find((l) => l.msg === 'unexpected error while serving a request');
    expect(JSON.stringify(logged)).toContain('password_hash');
  });

  it("echoes the caller's X-Request-Id in the header, the body and every log line of the request", async () => {
    const res = await t.http
      .post('/probe/echo')
      .set('x-request-id', 'req-abc-123')
      .send({ ...valid, bad: 1 });
    expect(res.headers['x-request-id']).toBe('req-abc-123');
    expect(res.body.correlationId).toBe('req-abc-123');
    const lines = t.logs.withReqId('req-abc-123');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => l.msg === 'request completed')).toBe(true);
  });

  it('replaces an unsafe X-Request-Id with a fresh one', async () => {
    const res = await t.http.get('/no/where').set('x-request-id', 'bad id <script>');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.correlationId).toBe(res.headers['x-request-id']);
  });

  it('never logs request bodies or personal fields', async () => {
    await t.http
      .post('/probe/echo')
      .set('x-request-id', 'pii-1')
      .send({ ...valid, owners: [{ name: 'Maria', email: 'maria.secret@example.org' }] });
    const text = JSON.stringify(t.logs.withReqId('pii-1'));
    expect(text).not.toContain('maria.secret@example.org');
  });
});
