import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

/** Longest full-text query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;
/** Largest page of hits one search returns. */
export const MAX_SEARCH_PAGE = 50;
/** Page size when the caller does not give one. */
export const DEFAULT_SEARCH_PAGE = 20;
/** Largest integer a filter or offset may carry (the range of an SQL integer column on every driver). */
export const MAX_FILTER_VALUE = 2_147_483_647;
/**
 * Largest page a rebuild asks the catalog for: the catalog's own list limit (ListProductsInput),
 * so a bigger value could never be served.
 */
export const MAX_REBUILD_PAGE = 100;
/** Page size of a rebuild when the caller does not give one. */
export const DEFAULT_REBUILD_PAGE = 100;

/** Query strings carry booleans as text: 'true' and 'false' become booleans, anything else stays and is refused. */
function booleanFromQuery({ value }: { value: unknown }): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/** maxPrice must not be below minPrice (an inverted range would silently match nothing). */
@ValidatorConstraint({ name: 'notBelowMinPrice' })
class NotBelowMinPrice implements ValidatorConstraintInterface {
  validate(maxPrice: unknown, args: ValidationArguments): boolean {
    const { minPrice } = args.object as { minPrice?: unknown };
    return typeof minPrice !== 'number' || typeof maxPrice !== 'number' || maxPrice >= minPrice;
  }

  defaultMessage(): string {
    return 'maxPrice must not be less than minPrice';
  }
}

/** Port input (and HTTP query) of a product search: optional text, filters and a page. */
export class SearchProductsInput {
  @ApiPropertyOptional({
    description: 'Full-text query over name and description; every word must match, the last one as a prefix ("marg" finds "Margherita")',
    minLength: 1,
    maxLength: MAX_QUERY_LENGTH,
    example: 'margherita',
  })
  @IsOptional()
  @IsString()
  @Length(1, MAX_QUERY_LENGTH)
  q?: string;

  @ApiPropertyOptional({ description: 'Lowest unit price, in minor units (cents)', minimum: 0, maximum: MAX_FILTER_VALUE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_FILTER_VALUE)
  minPrice?: number;

  @ApiPropertyOptional({ description: 'Highest unit price, in minor units (cents); not below minPrice', minimum: 0, maximum: MAX_FILTER_VALUE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_FILTER_VALUE)
  @Validate(NotBelowMinPrice)
  maxPrice?: number;

  @ApiPropertyOptional({ description: 'true: only products in stock; false: only products out of stock', type: Boolean })
  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean({ message: 'inStock must be true or false' })
  inStock?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SEARCH_PAGE, default: DEFAULT_SEARCH_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEARCH_PAGE)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_FILTER_VALUE, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_FILTER_VALUE)
  offset?: number;
}

/** One product found, with its relevance. */
export class SearchHit {
  @ApiProperty() @IsString() sku: string;
  @ApiProperty() @IsString() name: string;
  @ApiProperty() @IsString() description: string;
  @ApiProperty({ description: 'Unit price in minor units (cents)' }) @IsInt() price: number;
  @ApiProperty({ example: 'EUR' }) @IsString() currency: string;
  @ApiProperty() @IsInt() stock: number;
  @ApiProperty({ description: 'Relevance to the query, higher is better (0 without a query)' }) @IsNumber() score: number;
}

/** A page of hits, best first (by name without a query), with the number of all that match. */
export class SearchResult {
  @ApiProperty({ type: [SearchHit] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SearchHit)
  items: SearchHit[];

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  total: number;
}

/** Port input (and HTTP body) of an index rebuild. */
export class RebuildIndexInput {
  @ApiPropertyOptional({ description: 'Products read from the catalog per call', minimum: 1, maximum: MAX_REBUILD_PAGE, default: DEFAULT_REBUILD_PAGE })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REBUILD_PAGE)
  pageSize?: number;
}

/** What a rebuild did. */
export class RebuildResult {
  @ApiProperty({ description: 'Products read from the catalog and indexed', minimum: 0 })
  @IsInt()
  @Min(0)
  indexed: number;
}
