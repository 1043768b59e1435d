import type { PropertyType } from '../model/index.js';
import { UNMANAGEABLE_TYPES } from '../model/index.js';

/**
 * Why a type change is forbidden, or null when the API can do it (destructively).
 * Forbidden: to or from `title` or `place`, to `button` / `verification`, and from any
 * type the API cannot manage (notion-api.md §2.1, §2.2).
 */
export function forbiddenTypeChange(from: PropertyType, to: PropertyType): string | null {
  if (from === 'title' || to === 'title') return 'the title property cannot be converted, and no property can become the title';
  if (from === 'place' || to === 'place') return 'nothing can be converted to or from place';
  const unmanageable: readonly PropertyType[] = UNMANAGEABLE_TYPES;
  if (unmanageable.includes(to)) return `${to} properties cannot be created or changed through the API`;
  if (unmanageable.includes(from)) return `${from} properties cannot be changed through the API`;
  return null;
}

/** True for types the API can neither create nor change. */
export function isUnmanageable(type: PropertyType): boolean {
  return (UNMANAGEABLE_TYPES as readonly PropertyType[]).includes(type);
}
