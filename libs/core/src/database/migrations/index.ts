import { InitialIdentity1795331284556 } from './1795331284556-InitialIdentity.js';

/** Every migration, oldest first. A unit test checks that this lists each file in the folder. */
export const MIGRATIONS = [InitialIdentity1795331284556];
