import { IsPrefixedId } from '@mb/platform';
import {
  CancelMilestoneDto,
  MovePlannedDateDto,
  PlaceBillingHoldDto,
  RejectMilestoneDto,
  ReleaseBillingHoldDto,
  SubmitMilestoneDto,
} from '../http/milestone.dto';

// gRPC requests carry in fields what REST carries in the path; the rest is the REST DTOs' rules.
// Only the id's prefix and form are checked: an unknown id is the use case's to answer (NOT_FOUND).

export class ListMilestonesRequestDto {
  @IsPrefixedId('con', 'a contract id')
  contract_id!: string;
}

export class MilestoneIdRequestDto {
  @IsPrefixedId('ms', 'a milestone id')
  milestone_id!: string;
}

export class SubmitMilestoneRequestDto extends SubmitMilestoneDto {
  @IsPrefixedId('ms', 'a milestone id')
  milestone_id!: string;
}

export class RejectMilestoneRequestDto extends RejectMilestoneDto {
  @IsPrefixedId('ms', 'a milestone id')
  milestone_id!: string;
}

export class CancelMilestoneRequestDto extends CancelMilestoneDto {
  @IsPrefixedId('ms', 'a milestone id')
  milestone_id!: string;
}

export class PlaceBillingHoldRequestDto extends PlaceBillingHoldDto {
  @IsPrefixedId('ms', 'a milestone id')
  milestone_id!: string;
}

export class ReleaseBillingHoldRequestDto extends ReleaseBillingHoldDto {
  @IsPrefixedId('ms', 'a milestone id')
  milestone_id!: string;
}

export class MovePlannedDateRequestDto extends MovePlannedDateDto {
  @IsPrefixedId('ms', 'a milestone id')
  milestone_id!: string;
}
