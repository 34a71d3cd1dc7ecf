import { createRouter, createWebHistory } from 'vue-router';
import ChainPage from './pages/ChainPage.vue';
import SignInPage from './pages/SignInPage.vue';
import { state } from './session';

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/', redirect: '/chain' },
    { path: '/sign-in', name: 'sign-in', component: SignInPage },
    { path: '/chain/:householdId?', name: 'chain', component: ChainPage },
  ],
});

// Every page but the sign-in needs a session; the credentials live in memory, so a reload signs out.
router.beforeEach((to) => (to.name !== 'sign-in' && !state.session?.verified ? { name: 'sign-in', query: { next: to.fullPath } } : true));
