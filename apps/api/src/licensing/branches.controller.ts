import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { AgencyProfileService, BRANCH_LIFECYCLE, BRANCH_STATES, BranchReviewView, BranchState } from '@app/agencies';
import { Roles, CurrentActor } from '@app/auth';
import { ROLES, type Actor } from '@app/common';
import { ApiProblems } from '../openapi/api-problems.decorator';

export class BranchesQuery {
  @ApiPropertyOptional({
    enum: BRANCH_STATES,
    enumName: 'BranchState',
    default: 'pending',
    description: 'Which branches (default: the pending ones, the review queue).',
  })
  @IsOptional()
  @IsIn(BRANCH_STATES)
  status?: BranchState;
}

export class ApproveBranchDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 2000, description: 'A note on the approval (the agency sees it).' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class RejectBranchDto {
  @ApiProperty({ minLength: 5, maxLength: 2000, example: 'No business permit for the Baguio premises.', description: 'Why (the agency sees it).' })
  @IsString()
  @Length(5, 2000)
  note: string;
}

const BranchId = () => ApiParam({ name: 'id', format: 'uuid', description: "The branch's id." });

/** Branches agencies add wait for the ministry's approval before they are public. */
@ApiTags('licensing')
@ApiBearerAuth()
@Controller('licensing/branches')
export class BranchesController {
  constructor(private readonly profiles: AgencyProfileService) {}

  @Get()
  @Roles('inspector', 'supervisor')
  @ApiOperation({
    summary: 'List branches for review',
    description: 'Branches of every agency in one status (default `pending`: the review queue), oldest first, at most 500, with their agency.',
  })
  @ApiOkResponse({ type: [BranchReviewView] })
  list(@Query() q: BranchesQuery): Promise<BranchReviewView[]> {
    return this.profiles.branchesToReview(q.status ?? 'pending');
  }

  @Post(':id/approve')
  @Roles(...BRANCH_LIFECYCLE.whoAmong('approve', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a branch',
    description:
      'A `pending` branch becomes `active` and is shown on the public record from now on. 409 `branch-decided` when it is no longer pending. Audited (`agency.branch.approved`).',
  })
  @BranchId()
  @ApiOkResponse({ type: BranchReviewView })
  @ApiProblems({ 409: ['branch-decided'] })
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ApproveBranchDto, @CurrentActor() actor: Actor): Promise<BranchReviewView> {
    return this.profiles.decideBranch(id, 'approve', dto.note ?? null, actor);
  }

  @Post(':id/reject')
  @Roles(...BRANCH_LIFECYCLE.whoAmong('reject', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reject a branch',
    description:
      'A `pending` branch becomes `rejected` (final; never public), with the reason. 409 `branch-decided` when it is no longer pending. Audited (`agency.branch.rejected`).',
  })
  @BranchId()
  @ApiOkResponse({ type: BranchReviewView })
  @ApiProblems({ 409: ['branch-decided'] })
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectBranchDto, @CurrentActor() actor: Actor): Promise<BranchReviewView> {
    return this.profiles.decideBranch(id, 'reject', dto.note, actor);
  }
}
