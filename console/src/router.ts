import { createRouter, createWebHistory } from 'vue-router';
import ChainPage from './pages/ChainPage.vue';
import SignInPage from './pages/SignInPage.vue';
import StatisticsPage from './pages/statistics/StatisticsPage.vue';
import AuditDayPage from './pages/supervision/AuditDayPage.vue';
import DisclosurePage from './pages/supervision/DisclosurePage.vue';
import OverduePage from './pages/supervision/OverduePage.vue';
import PolicyPage from './pages/supervision/PolicyPage.vue';
import WarningListPage from './pages/warnings/WarningListPage.vue';
import WarningPage from './pages/warnings/WarningPage.vue';
import { state } from './session';

/**
 * The console's pages. `areas` says which signed-in departments see the page in the menu (the
 * API decides what each may read; the menu only leaves out pages whose routes would refuse them).
 */
export const router = createRouter({
  // `/console/` locally, `/<stage>/console/` on API Gateway's endpoint (Vite's base, set at build).
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', redirect: () => (state.session?.department === 'supervision' ? '/supervision/overdue' : '/warnings') },
    { path: '/sign-in', name: 'sign-in', component: SignInPage },
    { path: '/warnings', name: 'warnings', component: WarningListPage },
    { path: '/warnings/:warningId', name: 'warning', component: WarningPage },
    { path: '/chain/:householdId?', name: 'chain', component: ChainPage },
    { path: '/supervision/overdue', name: 'overdue', component: OverduePage },
    { path: '/supervision/audit/:day?', name: 'audit-day', component: AuditDayPage },
    { path: '/supervision/disclosure/:month?', name: 'disclosure', component: DisclosurePage },
    { path: '/supervision/policy', name: 'policy', component: PolicyPage },
    { path: '/statistics/:month?', name: 'statistics', component: StatisticsPage },
  ],
});

// Every page but the sign-in needs a session; the credentials live in memory, so a reload signs out.
router.beforeEach((to) => (to.name !== 'sign-in' && !state.session?.verified ? { name: 'sign-in', query: { next: to.fullPath } } : true));
