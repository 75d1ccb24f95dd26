import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsOptional, IsString, Matches, MinLength, ValidateNested } from 'class-validator';

const NAME = /^[a-z][a-z0-9-]*$/;

/** One process of a topology and the domains it hosts in-process. */
export class TopologyUnit {
  @IsString()
  @Matches(NAME, { message: 'name must be lower-case letters, digits and dashes' })
  name: string;

  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  domains: string[];

  /** Whether this unit serves the HTTP API (default true). */
  @IsOptional()
  @IsBoolean()
  http?: boolean;
}

/** A topology file: which unit hosts which domain. */
export class Topology {
  @IsString()
  @MinLength(1)
  name: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TopologyUnit)
  units: TopologyUnit[];
}
