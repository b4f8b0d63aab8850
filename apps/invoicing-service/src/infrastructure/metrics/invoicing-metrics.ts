import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import type { OffsetClock } from '@mb/kernel';
import { ServiceMetrics } from '@mb/observability';
import { SERVICE_CLOCK } from '@mb/platform';

// Seconds from a billing trigger to its invoice: normally under a second; a consumer backlog or
// an outage shows in the tail.
const APPROVAL_TO_INVOICE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 3600];

/**
 * invoicing-service's business metrics: overdue receivables (read from the invoices at scrape
 * time, by the service clock) and how long an approved milestone waits for its invoice.
 */
@Injectable()
export class InvoicingMetrics implements OnModuleInit {
  private approvalToInvoice?: Histogram;

  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CLOCK) private readonly clock: OffsetClock,
  ) {}

  onModuleInit(): void {
    this.approvalToInvoice = this.metrics.histogram({
      name: 'mb_approval_to_invoice_seconds',
      help: "Time from a milestone's billing trigger (the client's approval, or the signing for a deposit) to its invoice's issue.",
      buckets: APPROVAL_TO_INVOICE_BUCKETS,
    });
    this.metrics.sampledGauge({
      name: 'mb_receivables_overdue_cents',
      help: "Open balances past their due date, in the currency's minor unit.",
      labelNames: ['currency'],
      sample: async () => {
        // Raw SQL: an aggregate report (open balances summed per currency), which entities do not
        // map. Past due by each client's calendar: its date now, in its time zone, is after the due date.
        // The balance as balanceOf defines it for an open invoice: payable − paid − credited.
        const rows = (await this.dataSource.query(
          `SELECT currency, sum(payable_cents - amount_paid_cents - amount_credited_cents)::text AS overdue
             FROM invoicing.invoices
            WHERE status = 'open' AND due_date < ($1::timestamptz AT TIME ZONE client_time_zone)::date
            GROUP BY currency`,
          [this.clock.now().toISOString()],
        )) as { currency: string; overdue: string }[];
        return rows.map((row) => ({ labels: { currency: row.currency }, value: Number(row.overdue) }));
      },
    });
  }

  /**
   * An invoice was issued on receipt of its milestone's trigger, announced at triggeredAt. (A
   * trigger parked until its contract arrived is issued by PrepareDraftInvoicesHandler and not timed.)
   */
  invoiceIssuedAfterTrigger(triggeredAt: string): void {
    const seconds = (this.clock.now().getTime() - Date.parse(triggeredAt)) / 1000;
    this.approvalToInvoice?.observe(Math.max(0, seconds));
  }
}
