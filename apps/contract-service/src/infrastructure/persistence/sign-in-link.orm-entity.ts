import { EntitySchema } from 'typeorm';

/** A row of contract.portal_sign_in_links, as TypeORM maps it. */
export interface SignInLinkRecord {
  id: string;
  clientId: string;
  email: string;
  secretHash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export const SignInLinkEntity = new EntitySchema<SignInLinkRecord>({
  name: 'PortalSignInLink',
  schema: 'contract',
  tableName: 'portal_sign_in_links',
  columns: {
    id: { type: 'text', primary: true },
    clientId: { type: 'text', name: 'client_id' },
    email: { type: 'text' },
    secretHash: { type: 'text', name: 'secret_hash' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    expiresAt: { type: 'timestamptz', name: 'expires_at' },
    usedAt: { type: 'timestamptz', name: 'used_at', nullable: true },
  },
});
