import type { Violation } from './violation.ts';

/**
 * Domain errors know nothing of HTTP; shared/http/problem.ts maps them to problem details
 * in one place.
 */
export class RuleViolationError extends Error {
  constructor(readonly violations: readonly [Violation, ...Violation[]]) {
    super(violations.map((v) => v.code).join(', '));
    this.name = 'RuleViolationError';
  }
}

/** Refuses under the measures when any rule is violated, listing every violation (API.md: not only the first). */
export const refuseIfAny = (violations: readonly Violation[]): void => {
  const [first, ...rest] = violations;
  if (first) throw new RuleViolationError([first, ...rest]);
};

/** Malformed input: `issues[].path` names the field. */
export class ValidationError extends Error {
  constructor(readonly issues: readonly { path: string; message: string; messageZh?: string }[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'ValidationError';
  }
}

/** No valid identity: `issues[].path` names the claim at fault, when it is one (`claims.dept`). */
export class UnauthenticatedError extends Error {
  override name = 'UnauthenticatedError';
  constructor(
    message?: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** The caller may see the resource but not act on it (ART04-ROLE). */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

/** Missing, or not visible to the caller: the two are answered alike. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** A stale version, a lost race, a second decision, a wrong stage. */
export class ConflictError extends Error {
  override name = 'ConflictError';
}

/**
 * A lost optimistic race: what was read changed before the write. Whoever did not state a version
 * (If-Match) has nothing stale to be told about, so the use case reads again and re-checks.
 */
export class ConcurrentModificationError extends ConflictError {
  override name = 'ConcurrentModificationError';
}

export class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError';
}
