UPDATE projects SET name = ? WHERE id = ?
