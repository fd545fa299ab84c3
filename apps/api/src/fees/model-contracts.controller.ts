import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authenticated, Role, Roles, CurrentActor } from '@app/auth';
import type { Actor } from '@app/common';
import { ModelContractView, ModelContracts } from '@app/fees';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { CreateModelContractDto, EndFeeRuleDto, ModelContractQuery } from './fees.dto';

const ADMIN: Role[] = ['admin'];

/** Model (standard) employment contracts per corridor and occupation (issue 20; docs/fees.md, "Model contracts"). */
@ApiTags('admin: model contracts')
@ApiBearerAuth()
@Controller()
export class ModelContractsController {
  constructor(private readonly contracts: ModelContracts) {}

  @Post('admin/model-contracts')
  @Roles(...ADMIN)
  @ApiOperation({
    summary: 'Create an effective-dated model contract',
    description:
      'The standard employment contract of a corridor (destination, occupation category, one origin or `*`) from `validFrom`, open-ended or up to `validTo`: ' +
      'the minimum monthly salary, the most hours a week (left out: no limit), the fewest rest days a week and paid leave days a year, the standard duration ' +
      'and who pays the fare. Never edited: end it and create its successor. Two for one key in force on the same day: 409 `model-contract-overlap`. ' +
      'Every placement recorded from then on is checked against the model in force on its recruitment date. Audited (`fees.model-contract.created`).',
  })
  @ApiCreatedResponse({ type: ModelContractView })
  @ApiProblems({ 409: ['model-contract-overlap'] })
  create(@Body() dto: CreateModelContractDto, @CurrentActor() actor: Actor): Promise<ModelContractView> {
    return this.contracts.create(dto, actor);
  }

  @Post('admin/model-contracts/:id/end')
  @Roles(...ADMIN)
  @HttpCode(200)
  @ApiOperation({
    summary: 'End a model contract on a day',
    description:
      'Sets the last day in force (`validTo`, included): today or later (400 otherwise), and earlier than any end it has (409 `model-contract-already-ended`). ' +
      'Checks already made stay as they were. Audited (`fees.model-contract.ended`).',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The model contract.' })
  @ApiOkResponse({ type: ModelContractView })
  @ApiProblems({ 409: ['model-contract-already-ended'] })
  end(@Param('id', ParseUUIDPipe) id: string, @Body() dto: EndFeeRuleDto, @CurrentActor() actor: Actor): Promise<ModelContractView> {
    return this.contracts.end(id, dto.validTo, actor);
  }

  @Get('model-contracts')
  @Authenticated()
  @ApiOperation({
    summary: 'List the model contracts',
    description:
      'Every model contract, past, current and future, by corridor and then the latest first; filter by `destinationCountry`, `occupationCategory` or `inForceOn`. Not paged (a few per corridor).',
  })
  @ApiOkResponse({ type: [ModelContractView] })
  list(@Query() q: ModelContractQuery): Promise<ModelContractView[]> {
    return this.contracts.list(q);
  }
}
