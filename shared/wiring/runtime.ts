import { config } from '../config';

/** What every function reads of its surroundings: the clock and its principals' name prefix. */
export const now = () => new Date();
export const principalPrefix = () => config().PRINCIPAL_PREFIX;
