import { reactive } from 'vue';
import type { ConsoleCredentials } from './sigv4';

/** Who the console acts as. Kept in memory only: a reload signs out, nothing reaches storage. */
export interface Session {
  department: string;
  sourceIdentity: string;
  region: string;
  credentials: ConsoleCredentials;
}

export const state = reactive<{ session: Session | undefined }>({ session: undefined });

export function signIn(session: Session): void {
  state.session = session;
}

export function signOut(): void {
  state.session = undefined;
}
