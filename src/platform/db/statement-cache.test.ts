import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { statementCache } from './index.js';

describe('SQLite statement cache', () => {
  const open = (max?: number) => {
    const raw = new SqliteDatabase(':memory:');
    raw.exec('create table t (id integer primary key, v text)');
    return { raw, db: statementCache(raw, max) };
  };

  it('prepares a SQL text once and hands the same statement back', () => {
    const { raw, db } = open();
    const a = db.prepare('select v from t where id = ?');
    const b = db.prepare('select v from t where id = ?');
    assert.equal(a, b);
    assert.notEqual(db.prepare('select id from t'), a, 'another text is another statement');
    raw.close();
  });

  it('gives a fresh statement while the cached one is still being iterated', () => {
    const { raw, db } = open();
    db.prepare('insert into t (v) values (?)').run('a');
    db.prepare('insert into t (v) values (?)').run('b');
    const streaming = db.prepare('select v from t order by id');
    const iterator = streaming.iterate();
    assert.deepEqual(iterator.next().value, { v: 'a' });
    assert.equal(streaming.busy, true);
    const other = db.prepare('select v from t order by id');
    assert.notEqual(other, streaming);
    assert.deepEqual(other.all(), [{ v: 'a' }, { v: 'b' }], 'the fresh statement runs while the first streams');
    iterator.return?.();
    assert.equal(db.prepare('select v from t order by id'), streaming, 'the cached one is used again once free');
    raw.close();
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    const { raw, db } = open(2);
    const one = db.prepare('select 1');
    const two = db.prepare('select 2');
    assert.equal(db.prepare('select 1'), one, 'using "select 1" makes "select 2" the oldest');
    db.prepare('select 3');
    assert.equal(db.prepare('select 1'), one, 'kept');
    assert.notEqual(db.prepare('select 2'), two, 'dropped and prepared again');
    raw.close();
  });

  it('still sees rows written after the statement was cached', () => {
    const { raw, db } = open();
    const count = () => (db.prepare('select count(*) as n from t').get() as { n: number }).n;
    assert.equal(count(), 0);
    db.prepare('insert into t (v) values (?)').run('x');
    assert.equal(count(), 1);
    raw.close();
  });
});
