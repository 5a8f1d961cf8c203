import type { HomeTask } from '../../platform/module.js';
import { Layout, type PageContext } from '../../platform/views/index.js';
import { homeMessages } from '../messages.js';

/** The public home page: only the tasks that exist, each one link. */
export function HomePage({ ctx, tasks }: { ctx: PageContext; tasks: HomeTask[] }) {
  const t = homeMessages.for(ctx.locale);
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <div class="usa-prose">
        <h1>{t('home.heading')}</h1>
        <p class="usa-intro">{t('home.intro', { agency: ctx.agencyName })}</p>
      </div>
      <section aria-labelledby="tasks-heading" class="margin-top-4">
        <h2 id="tasks-heading">{t('home.tasksHeading')}</h2>
        {tasks.length === 0 ? (
          <p>{t('home.noTasks')}</p>
        ) : (
          <ul class="usa-card-group fd-task-list">
            {tasks.map((task) => (
              <li class="usa-card tablet:grid-col-6" key={task.href}>
                <div class="usa-card__container">
                  <div class="usa-card__header">
                    <h3 class="usa-card__heading">
                      <a class="usa-link" href={task.href}>
                        {task.title(ctx.locale)}
                      </a>
                    </h3>
                  </div>
                  <div class="usa-card__body">
                    <p>{task.description(ctx.locale)}</p>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
        <p class="margin-top-4">{t('home.phoneHelp')}</p>
      </section>
    </Layout>
  );
}
