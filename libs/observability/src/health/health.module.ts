import { DynamicModule, Module } from '@nestjs/common';
import { HealthController, READINESS_CHECKS } from './health.controller';
import { ReadinessCheck } from './readiness-check';

@Module({})
export class HealthModule {
  static withChecks(checks: ReadinessCheck[]): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: READINESS_CHECKS, useValue: checks }],
    };
  }
}
