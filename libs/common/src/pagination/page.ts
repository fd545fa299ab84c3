import { Type as NestType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The last page a list can be asked for: with at most 100 items a page the offset stays below
 * ten million rows, well inside any integer the database takes. A list that long is narrowed with filters.
 */
export const MAX_PAGE = 100_000;

/** `?page=2&pageSize=50`: 1-based pages, at most 100 items each. */
export class PageQuery {
  @ApiPropertyOptional({ description: `Which page, from 1 to ${MAX_PAGE}.`, type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ description: 'Items per page.', type: 'integer', minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 25;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  /** Keyset-paged lists (CursorPageQuery): the cursor of the page after this one, null on the last. */
  next?: string | null;
  /** Keyset-paged lists: `total` stopped counting at TOTAL_CAP (more match). */
  totalCapped?: boolean;
}

const pageClasses = new Map<NestType, NestType>();

/**
 * The OpenAPI schema of a page of `item`s, named `<Item>Page`: `@ApiOkResponse({ type: PageOf(CaseListItem) })`.
 * One class per item type, so the document names each page schema once.
 */
export function PageOf<T>(item: NestType<T>): NestType<Page<T>> {
  const known = pageClasses.get(item);
  if (known) return known as NestType<Page<T>>;
  class ItemPage implements Page<T> {
    @ApiProperty({ type: [item], description: "The items of this page, in the list's order." })
    items: T[];

    @ApiProperty({ type: 'integer', minimum: 1, description: "This page's number, from 1.", example: 1 })
    page: number;

    @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, description: 'Items per page asked for.', example: 25 })
    pageSize: number;

    @ApiProperty({
      type: 'integer',
      minimum: 0,
      description: 'How many items all pages hold together (lists paged by `cursor`: counted up to 1,000, see `totalCapped`).',
      example: 1,
    })
    total: number;

    @ApiPropertyOptional({
      type: String,
      nullable: true,
      description: 'Lists paged by `cursor` only: pass it as `cursor` for the page after this one; null when this is the last page.',
    })
    next?: string | null;

    @ApiPropertyOptional({
      type: Boolean,
      description: 'Lists paged by `cursor` only: true when more than 1,000 items match and `total` stopped counting at 1,000.',
    })
    totalCapped?: boolean;
  }
  Object.defineProperty(ItemPage, 'name', { value: `${item.name}Page` });
  pageClasses.set(item, ItemPage);
  return ItemPage;
}

export const pageOf = <T>(items: T[], total: number, q: PageQuery): Page<T> => ({ items, total, page: q.page, pageSize: q.pageSize });
export const pageOffset = (q: PageQuery) => (q.page - 1) * q.pageSize;
