import { reactive } from 'vue';
import type { ConsoleCredentials } from './sigv4';

/** Who the console acts as. Kept in memory only: a reload signs out, nothing reaches storage. */
export interface Session {
  department: string;
  sourceIdentity: string;
  region: string;
  credentials: ConsoleCredentials;
  /** A signed call has succeeded with these credentials. */
  verified: boolean;
}

export const state = reactive<{ session: Session | undefined }>({ session: undefined });

/** Tentative until a signed call succeeds (markVerified); the pages need a verified session. */
export function signIn(session: Omit<Session, 'verified'>): void {
  state.session = { ...session, verified: false };
}

export function markVerified(): void {
  if (state.session) state.session.verified = true;
}

export function signOut(): void {
  state.session = undefined;
}
