import { Module } from '@nestjs/common';

/** Wiring only: the notification service's use cases, APIs and consumers are registered here. */
@Module({})
export class NotificationModule {}
