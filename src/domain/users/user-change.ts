/** What a commercial who owns clients cannot undergo without handing them over (`--reassign-to`). */
export type UserChange = 'delete' | 'changeRole' | 'disable';
