/** A session's id: its client secret's `cos_…` prefix (the id is public, the secret is not). */
export const sessionIdOf = (clientSecret: string): string => clientSecret.slice(0, clientSecret.indexOf('_secret_'));
