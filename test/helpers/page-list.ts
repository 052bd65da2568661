/** Every kind of page the service renders, for tests that look at all of them. */
import { HOSTILE } from './pages.js';

export interface PageCase {
  readonly name: string;
  readonly path: string;
  readonly status?: number;
}

export const EVERY_PAGE: readonly PageCase[] = [
  { name: 'home', path: '/' },
  { name: 'organizations', path: '/organizations' },
  { name: 'organizations-search', path: '/organizations?q=%D1%81%D0%B0%D0%B4' },
  { name: 'organization-kindergarten', path: '/organizations/ds-4-lastochka' },
  { name: 'organization-school-with-preschool', path: '/organizations/sosh-6' },
  { name: 'organization-trimesters', path: '/organizations/gimnaziya-3' },
  { name: 'organization-hostile', path: `/organizations/${HOSTILE.id}` },
  { name: 'memo', path: '/organizations/ds-4-lastochka/memo' },
  { name: 'type-general', path: '/types/general' },
  { name: 'type-preschool', path: '/types/preschool' },
  { name: 'type-additional', path: '/types/additional' },
  { name: 'plan', path: '/plan' },
  { name: 'changes', path: '/changes' },
  { name: 'embed-general', path: '/embed/general' },
  { name: 'embed-organization-compact', path: '/embed/organizations/sosh-6?compact=1' },
  { name: 'problem-not-found', path: '/problems/not-found' },
  { name: 'not-found', path: '/plan/', status: 404 },
  { name: 'organization-not-found', path: '/organizations/no-such-school', status: 404 },
  { name: 'bad-query', path: '/types/general?reminders=abc', status: 400 },
];
