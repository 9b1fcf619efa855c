#nullable enable
using System;
namespace nanoFramework.TestFramework;

/// <summary>Marks a class of device test cases (nanoFramework.TestFramework's attribute, host copy).</summary>
[AttributeUsage(AttributeTargets.Class)]
public class TestClassAttribute : Attribute
{
}

/// <summary>Marks one test case.</summary>
[AttributeUsage(AttributeTargets.Method)]
public class TestMethodAttribute : Attribute
{
}

/// <summary>Runs before the class's cases (on the device once per class; on the host before each case).</summary>
[AttributeUsage(AttributeTargets.Method)]
public class SetupAttribute : Attribute
{
}

/// <summary>Runs after the class's cases.</summary>
[AttributeUsage(AttributeTargets.Method)]
public class CleanupAttribute : Attribute
{
}

/// <summary>One row of arguments for a parameterised case.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public class DataRowAttribute(params object[] methodParameters) : Attribute
{
    public object[] MethodParameters { get; } = methodParameters;
}
