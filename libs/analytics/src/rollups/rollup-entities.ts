import { CampaignClickDayEntity, CampaignSaleDayEntity } from './campaign-day.entity.js';
import { ClickDayEntity } from './click-day.entity.js';
import { DirtyEnrollmentHourEntity, DirtyLinkHourEntity, RebuildRequestEntity } from './dirty-key.entity.js';
import { SaleDayEntity } from './sale-day.entity.js';

export const ANALYTICS_ENTITIES = [ClickDayEntity, SaleDayEntity, CampaignClickDayEntity, CampaignSaleDayEntity, DirtyLinkHourEntity, DirtyEnrollmentHourEntity, RebuildRequestEntity];
