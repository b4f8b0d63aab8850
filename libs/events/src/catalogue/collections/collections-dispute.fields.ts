import { Type } from '@sinclair/typebox';
import { prefixedIdPattern, prefixedIdRule } from '../../ids/prefixed-id';
import { StringEnum, TEXT_LIMITS } from '../event-fields';

/** A dispute raised on an invoice (issue 11 "Disputes"); collections owns it. */
export const DisputeId = Type.String({ pattern: prefixedIdPattern('dsp'), description: `The dispute: ${prefixedIdRule('dsp')}.` });

/** Who raised or decided a dispute: the client itself, or a member of staff on its behalf. */
export const DISPUTE_ACTOR_ROLES = ['client', 'finance', 'admin'] as const;

export const DisputeActor = Type.Object(
  {
    role: StringEnum(DISPUTE_ACTOR_ROLES, { description: 'The role the person acted in: `client` (the client disputing its own invoice) or staff (`finance`, `admin`).' }),
    subject: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.subject, description: "The caller's subject (user id or API key) as the access token names it." }),
  },
  { description: 'Who acted, as authenticated.' },
);
