import * as z from 'zod';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  RuleViolationError,
  UnauthenticatedError,
  ValidationError,
} from '#shared/domain/errors.ts';
import { ViolationSchema, violation } from '#shared/domain/violation.ts';

/** RFC 9457 problem details, as API.md § Conventions fixes them. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    requestId: z.string().optional(),
    violations: z.array(ViolationSchema).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

const TYPE_BASE = 'https://errors.lingchuan-data.example/';

const problem = (status: number, code: string, title: string, rest: Partial<Problem> = {}): Problem => ({
  type: `${TYPE_BASE}${code}`,
  title,
  status,
  code,
  ...rest,
});

/**
 * The one place errors become HTTP. Only 4xx messages reach the client; anything else is a
 * 500 that says the request failed and gives the request id to quote.
 */
export const toProblem = (error: unknown, requestId: string): Problem => {
  if (error instanceof RuleViolationError) {
    const [first] = error.violations;
    return problem(422, first.code, 'Refused under the measures', {
      detail: first.message,
      requestId,
      violations: [...error.violations],
    });
  }
  if (error instanceof ValidationError) {
    return problem(400, 'VALIDATION', 'The request is malformed', {
      detail: error.message,
      requestId,
      violations: error.issues.map((issue) => ({
        code: 'VALIDATION',
        message: issue.message,
        ...(issue.messageZh ? { messageZh: issue.messageZh } : {}),
        path: issue.path,
      })),
    });
  }
  if (error instanceof UnauthenticatedError) {
    return problem(401, 'UNAUTHENTICATED', 'A valid bearer token is required', {
      requestId,
      ...(error.issues.length > 0
        ? {
            detail: error.message,
            violations: error.issues.map((issue) => ({
              code: 'UNAUTHENTICATED',
              message: issue.message,
              path: issue.path,
            })),
          }
        : {}),
    });
  }
  if (error instanceof ForbiddenError) {
    const denied = violation('ART04-ROLE');
    return problem(403, 'ART04-ROLE', 'Not permitted for this role', {
      detail: error.message || denied.message,
      requestId,
      violations: [denied],
    });
  }
  if (error instanceof NotFoundError) {
    return problem(404, 'NOT_FOUND', 'Not found', { requestId });
  }
  if (error instanceof ConflictError) {
    return problem(409, 'CONFLICT', 'Conflict', { detail: error.message, requestId });
  }
  if (error instanceof PayloadTooLargeError) {
    return problem(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', { detail: error.message, requestId });
  }
  return problem(500, 'INTERNAL', 'The request failed', { requestId });
};
