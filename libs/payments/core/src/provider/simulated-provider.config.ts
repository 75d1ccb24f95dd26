import { IsInt, Max, Min } from 'class-validator';
import { validateConfig } from '@foodcourt/platform-kernel';

/** Behaviour of the embedded simulated provider. Built from environment variables and validated. */
export class SimulatedProviderConfig {
  /** Authorizations of more than this many minor units are declined. */
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  declineOver: number;

  /** Delay awaited on every provider call, in ms. */
  @IsInt()
  @Min(0)
  @Max(10_000)
  latencyMs: number;
}

/**
 * Reads PAYMENTS_SIM_DECLINE_OVER (default 500000) and PAYMENTS_SIM_LATENCY_MS (default 0);
 * a bad value throws ConfigError naming the variable.
 */
export function simulatedProviderConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SimulatedProviderConfig {
  return validateConfig(
    SimulatedProviderConfig,
    {
      declineOver: integerOrRaw(env['PAYMENTS_SIM_DECLINE_OVER'], 500_000),
      latencyMs: integerOrRaw(env['PAYMENTS_SIM_LATENCY_MS'], 0),
    },
    { declineOver: 'PAYMENTS_SIM_DECLINE_OVER', latencyMs: 'PAYMENTS_SIM_LATENCY_MS' },
  );
}

// "12" becomes 12; anything that is not a plain decimal integer stays a string so @IsInt rejects it.
function integerOrRaw(value: string | undefined, fallback: number): unknown {
  if (value === undefined) return fallback;
  const trimmed = value.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : value;
}
