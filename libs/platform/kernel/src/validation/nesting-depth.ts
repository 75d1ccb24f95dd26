import { ValidationFailedError } from '../errors/common-errors';

/** Deeper than any DTO of ours nests (a checkout's lines are 3 levels): past this an input is refused. */
export const MAX_NESTING_DEPTH = 32;

/**
 * Refuses an input nested deeper than `max` levels of objects and arrays, naming the top-level
 * field that holds the depth, before anything recursive (class-transformer, class-validator)
 * sees it: 2,000 nested arrays in 4 KB of JSON would otherwise exhaust the stack (a 500 and a
 * stack trace per request). Iterative, so the check itself cannot overflow.
 */
export function assertNestingWithin(input: unknown, max = MAX_NESTING_DEPTH): void {
  if (input === null || typeof input !== 'object') return;
  for (const [field, value] of Object.entries(input)) {
    if (depthExceeds(value, max - 1)) {
      throw ValidationFailedError.fromViolations([{ field, messages: [`${field} is nested more than ${max} levels deep`] }]);
    }
  }
}

function depthExceeds(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
