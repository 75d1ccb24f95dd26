import { ConfigError } from '@foodcourt/platform-kernel';

/** A broker URL from `variable`, else the topology's, else `fallback`; a URL of the wrong scheme is a ConfigError naming the variable. */
export function brokerUrl(env: NodeJS.ProcessEnv, variable: string, configured: string | undefined, fallback: string, shape: RegExp): string {
  const url = env[variable] || configured || fallback;
  if (!shape.test(url)) throw new ConfigError(`invalid configuration: ${variable} must match ${shape.source}, got "${url}"`);
  return url;
}
