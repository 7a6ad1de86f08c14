/** Configuration a handler needs, read from its environment, with a clear error when missing. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Environment variable ${name} is not set: the function's construct must bind it (see lib/constructs/program-function.ts).`);
  }
  return value;
}
