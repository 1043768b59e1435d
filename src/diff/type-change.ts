import type { ForbiddenTypeRule, PropertyType } from '../model/index.js';
import { UNMANAGEABLE_TYPES } from '../model/index.js';

/**
 * The rule forbidding a type change, or null when the API can do it (destructively).
 * Forbidden: to or from `title` or `place`, to `button` / `verification`, and from any
 * type the API cannot manage (notion-api.md §2.1, §2.2).
 */
export function forbiddenTypeChange(from: PropertyType, to: PropertyType): ForbiddenTypeRule | null {
  if (from === 'title' || to === 'title') return 'title';
  if (from === 'place' || to === 'place') return 'place';
  const unmanageable: readonly PropertyType[] = UNMANAGEABLE_TYPES;
  if (unmanageable.includes(to)) return 'unmanageable_to';
  if (unmanageable.includes(from)) return 'unmanageable_from';
  return null;
}

/** True for types the API can neither create nor change. */
export function isUnmanageable(type: PropertyType): boolean {
  return (UNMANAGEABLE_TYPES as readonly PropertyType[]).includes(type);
}
