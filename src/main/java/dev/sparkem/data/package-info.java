/**
 * From a path or a DataFrame to validated, cached blocks of rows: reading Parquet/CSV/LIBSVM from
 * any Hadoop file system, choosing the feature columns, rejecting bad values with their place,
 * and packing rows into contiguous {@link dev.sparkem.data.RowBlock}s sized in bytes.
 */
package dev.sparkem.data;
