import { AppException, type AppExceptionOptions } from '@app/core';

export enum CampaignErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotAllowed = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  IllegalTransition = 'CONFLICT',
  StateConflict = 'CONFLICT',
  AlreadyExists = 'CONFLICT',
  RequirementsNotMet = 'FORBIDDEN',
}

export class CampaignException extends AppException {
  constructor(code: CampaignErrorCode, message: string, options?: AppExceptionOptions) {
    super(code, message, options);
  }
}

/** A creator who does not meet a campaign's hard requirements; `unmetRequirements` names each one. */
export class RequirementsNotMetException extends CampaignException {
  constructor(
    message: string,
    readonly unmetRequirements: string[],
  ) {
    super(CampaignErrorCode.RequirementsNotMet, message);
  }

  override extensions(): Record<string, unknown> {
    return { ...super.extensions(), unmetRequirements: this.unmetRequirements };
  }
}

export function campaignNotFound(id: string): CampaignException {
  return new CampaignException(CampaignErrorCode.NotFound, `Campaign ${id} not found`);
}

export function enrollmentNotFound(id: string): CampaignException {
  return new CampaignException(CampaignErrorCode.NotFound, `Enrollment ${id} not found`);
}
