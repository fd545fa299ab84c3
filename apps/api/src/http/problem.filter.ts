import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderProblem } from '@app/common';

/** Sends any error as application/problem+json and logs the unexpected ones with their stack. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { problem, unexpected, outage, headers } = renderProblem(error, String(request.id), request.url);
  if (unexpected) logger.error({ err: error, reqId: request.id }, 'unexpected error while serving a request');
  else if (outage)
    logger.warn(
      { reqId: request.id, dependency: outage, reason: error instanceof Error ? error.message : String(error) },
      'dependency unreachable; answered 503',
    );
  if (reply.sent) return;
  void reply.status(problem.status).headers(headers).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    sendProblem(exception, ctx.getRequest<FastifyRequest>(), ctx.getResponse<FastifyReply>(), this.logger);
  }
}
