SELECT count(*) FROM projects
