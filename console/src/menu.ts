import { state } from './session';

/** A menu entry and the API route its page cannot do without. */
export interface MenuEntry {
  to: string;
  label: string;
  needs: string;
}

export const MENU: readonly MenuEntry[] = [
  { to: '/warnings', label: 'nav.warnings', needs: 'list-department-warnings' },
  { to: '/chain', label: 'nav.chain', needs: 'read-assistance-chain' },
  { to: '/supervision/overdue', label: 'supervision.nav.overdue', needs: 'list-overdue-warnings' },
  { to: '/supervision/audit', label: 'supervision.nav.audit', needs: 'read-audit-trail' },
  { to: '/supervision/disclosure', label: 'supervision.nav.disclosure', needs: 'read-disclosure' },
  { to: '/supervision/policy', label: 'supervision.nav.policy', needs: 'read-policy-changes' },
  { to: '/statistics', label: 'nav.statistics', needs: 'read-statistics' },
];

/** The entries the signed-in department may use, by the callers the route table declares. */
export function menuFor(department: string | undefined): MenuEntry[] {
  if (!department) return [];
  return MENU.filter((m) => __ROUTE_CALLERS__[m.needs]?.includes(department));
}

export const visibleMenu = () => menuFor(state.session?.department);
