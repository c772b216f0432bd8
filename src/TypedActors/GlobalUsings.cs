global using System.Diagnostics.CodeAnalysis;
global using System.Runtime.CompilerServices;
