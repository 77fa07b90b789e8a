namespace Vision.Ops;

/// <summary>
/// One contiguous run an op moves unchanged from an input into its output, in elements: input <see cref="Input"/>'s
/// [Source, Source + Length) to the output's [Destination, Destination + Length). See <see cref="Op.Copies"/>.
/// </summary>
public readonly record struct BlockCopy(int Input, long Source, long Destination, long Length);
