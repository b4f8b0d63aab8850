import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 item 4: a milestone's links to GitHub issues and pull requests and Jira issues, what each
 * last did when its item closed, and the inbound webhook deliveries already handled (a replay of
 * the same delivery id changes nothing).
 */
export class WorkItemLinks1765675000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE milestone.work_item_links (
       id                text        PRIMARY KEY,
       milestone_id      text        NOT NULL REFERENCES milestone.milestones (id),
       provider          text        NOT NULL CHECK (provider IN ('github', 'jira')),
       github_repository text,
       github_kind       text        CHECK (github_kind IN ('issue', 'pull_request')),
       github_number     integer     CHECK (github_number > 0),
       jira_site         text,
       jira_issue_key    text,
       submit_when       text        NOT NULL CHECK (submit_when IN ('closed', 'merged', 'resolved')),
       created_at        timestamptz NOT NULL,
       created_by        text        NOT NULL,
       last_fired_at     timestamptz,
       last_outcome      text,
       last_delivery_id  text,
       last_closed_by    text,
       CHECK (CASE provider
                WHEN 'github' THEN github_repository IS NOT NULL AND github_kind IS NOT NULL AND github_number IS NOT NULL AND jira_site IS NULL AND jira_issue_key IS NULL
                ELSE jira_site IS NOT NULL AND jira_issue_key IS NOT NULL AND github_repository IS NULL AND github_kind IS NULL AND github_number IS NULL
              END)
     )`);
    // The work item as inbound webhooks look it up (GitHub names and Jira sites regardless of case); one link per milestone and item.
    await queryRunner.query(
      `CREATE UNIQUE INDEX work_item_links_item ON milestone.work_item_links
         (provider, lower(coalesce(github_repository, jira_site)), coalesce(github_kind, ''), coalesce(github_number, 0), coalesce(jira_issue_key, ''), milestone_id)`,
    );
    await queryRunner.query(`CREATE INDEX work_item_links_milestone ON milestone.work_item_links (milestone_id, created_at)`);
    await queryRunner.query(`CREATE TABLE milestone.inbound_deliveries (
       provider     text        NOT NULL CHECK (provider IN ('github', 'jira')),
       delivery_id  text        NOT NULL,
       event        text        NOT NULL,
       received_at  timestamptz NOT NULL,
       PRIMARY KEY (provider, delivery_id)
     )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE milestone.inbound_deliveries`);
    await queryRunner.query(`DROP TABLE milestone.work_item_links`);
  }
}
