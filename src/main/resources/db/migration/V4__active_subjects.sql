-- Who was active when, as one row per group and person with the set of days (a multirange), instead of one row
-- per day and person: coverage over any period then reads one row per person, not one per person and day.

create table event_active_subject (
    grp      text           not null,
    subject  text           not null,
    days     datemultirange not null,
    primary key (grp, subject)
);

insert into event_active_subject (grp, subject, days)
select grp, subject, range_agg(daterange(day, day, '[]'))
from event_daily_active
group by grp, subject;

drop table event_daily_active;
