import { MessagingTables1763769600000 } from './1763769600000-messaging-tables';

/** In the order they apply. */
export const contractMigrations = [MessagingTables1763769600000];
