using System.Buffers.Binary;
using System.Text;
using AsyncCassandra.Bulk.Text;
using Parquet;
using Parquet.Schema;

namespace AsyncCassandra.Bulk.Export;

/// <summary>
/// One table column's values for the Parquet row group being filled. Numbers, booleans, timestamps and blobs keep
/// their Parquet types; every other CQL type (uuid, decimal, varint, date, time, inet, duration, collections, tuples,
/// user-defined types) is a string holding its text form. A zero-length value of a numeric type has no Parquet
/// value and is written as null.
/// </summary>
internal abstract class ParquetColumn
{
    protected ParquetColumn(DataField field) => Field = field;

    public DataField Field { get; }

    public abstract void Add(ReadOnlySpan<byte> value, bool isNull, int row);

    public abstract Task WriteAsync(ParquetRowGroupWriter writer, int rows, CancellationToken cancellationToken);

    public static ParquetColumn For(string name, CqlType type, int capacity) => type.Code switch
    {
        CqlTypeCode.Boolean => new Values<bool>(new DataField<bool?>(name), capacity, static v => v[0] != 0),
        CqlTypeCode.Tinyint => new Values<int>(new DataField<int?>(name), capacity, static v => (sbyte)v[0]),
        CqlTypeCode.Smallint => new Values<int>(new DataField<int?>(name), capacity, static v => BinaryPrimitives.ReadInt16BigEndian(v)),
        CqlTypeCode.Int => new Values<int>(new DataField<int?>(name), capacity, static v => BinaryPrimitives.ReadInt32BigEndian(v)),
        CqlTypeCode.Bigint or CqlTypeCode.Counter => new Values<long>(new DataField<long?>(name), capacity, static v => BinaryPrimitives.ReadInt64BigEndian(v)),
        CqlTypeCode.Float => new Values<float>(new DataField<float?>(name), capacity, static v => BinaryPrimitives.ReadSingleBigEndian(v)),
        CqlTypeCode.Double => new Values<double>(new DataField<double?>(name), capacity, static v => BinaryPrimitives.ReadDoubleBigEndian(v)),
        CqlTypeCode.Timestamp => new Values<DateTime>(new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: true), capacity, v => Timestamp(name, v)),
        CqlTypeCode.Blob or CqlTypeCode.Custom => new Bytes(name, capacity),
        _ => new Strings(name, type, capacity),
    };

    private static DateTime Timestamp(string column, ReadOnlySpan<byte> value)
    {
        long milliseconds = BinaryPrimitives.ReadInt64BigEndian(value);
        if (milliseconds < CqlTextParser.MinTimestampMilliseconds || milliseconds > CqlTextParser.MaxTimestampMilliseconds)
        {
            throw new BulkException($"Column '{column}' holds the timestamp {milliseconds} ms, outside the years 1-9999 that a Parquet timestamp can hold here. Export this table as CSV or NDJSON, whose text form keeps any timestamp.");
        }

        return DateTime.UnixEpoch.AddMilliseconds(milliseconds);
    }

    private sealed class Values<T>(DataField field, int capacity, ValueDecoder<T> decode) : ParquetColumn(field)
        where T : struct
    {
        private readonly T?[] _values = new T?[capacity];

        public override void Add(ReadOnlySpan<byte> value, bool isNull, int row) => _values[row] = isNull || value.IsEmpty ? null : decode(value);

        public override Task WriteAsync(ParquetRowGroupWriter writer, int rows, CancellationToken cancellationToken) =>
            writer.WriteAsync<T>(Field, _values.AsMemory(0, rows), null, null, cancellationToken);
    }

    private sealed class Bytes(string name, int capacity) : ParquetColumn(new DataField<byte[]>(name, nullable: true))
    {
        private readonly byte[]?[] _values = new byte[]?[capacity];

        public override void Add(ReadOnlySpan<byte> value, bool isNull, int row) => _values[row] = isNull ? null : value.ToArray();

        public override Task WriteAsync(ParquetRowGroupWriter writer, int rows, CancellationToken cancellationToken) =>
            writer.WriteAsync(Field, new ArraySegment<byte[]>(_values!, 0, rows), null);
    }

    private sealed class Strings(string name, CqlType type, int capacity) : ParquetColumn(new DataField<string>(name, nullable: true))
    {
        private readonly string?[] _values = new string?[capacity];
        private readonly ByteBuilder _scratch = new();

        public override void Add(ReadOnlySpan<byte> value, bool isNull, int row)
        {
            if (isNull)
            {
                _values[row] = null;
            }
            else if (type.Code is CqlTypeCode.Varchar or CqlTypeCode.Ascii || value.IsEmpty)
            {
                _values[row] = Encoding.UTF8.GetString(value);
            }
            else
            {
                _scratch.Clear();
                TextFormatter.Write(type, value, _scratch);
                _values[row] = Encoding.UTF8.GetString(_scratch.WrittenSpan);
            }
        }

        public override Task WriteAsync(ParquetRowGroupWriter writer, int rows, CancellationToken cancellationToken) =>
            writer.WriteAsync(Field, new ArraySegment<string>(_values!, 0, rows), null);
    }
}

/// <summary>Decodes a non-empty value's bytes.</summary>
internal delegate T ValueDecoder<T>(ReadOnlySpan<byte> value);
